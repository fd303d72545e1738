# The report's own year is malformed.
sed -i 's/^year,2018\/19,/year,2018\/20,/' meta.csv
