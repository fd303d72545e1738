# The report stops at line 560, inside Efficiency: Legitimacy never comes.
head -n 560
