"""Action plans (the Dubrovnik and Lausanne Action Plans) as data, with indicators computed
over the record."""
