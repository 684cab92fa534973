"""The Review of the operation and status of the Convention, generated from the record
(CCM/CONF/2020/13's structure): every figure computed and traced, staff narrative per
edition, rendered as HTML, PDF, DOCX and Markdown."""
