# The report stops at line 830, inside Legitimacy: every pillar has begun,
# but the end of the report is missing.  It is read for what it holds (only
# a report missing whole pillars is incomplete); the reject row says so.
head -n 830
