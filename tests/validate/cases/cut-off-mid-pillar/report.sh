# The report stops at line 830, inside Legitimacy: every pillar has begun,
# but the end of the report is missing.
head -n 830
