"""Form definitions, one YAML file per version (package data: ``ccm-2010.yaml``, ...)."""
