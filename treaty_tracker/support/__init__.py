"""Implementation support (CCM/CONF/2020/13 section IX): the ISU's work plan and budget,
contributions, the capital reserve, assessed contributions and arrears (Art. 14), the
sponsorship programme, the Coordination Committee and coordinators, meeting documents
and decisions, other actors."""
