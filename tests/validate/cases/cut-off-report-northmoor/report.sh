# The report stops at line 190: its summary table grades Legitimacy, but the
# Legitimacy part of the report never comes.
head -n 190
