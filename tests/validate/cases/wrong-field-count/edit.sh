# A row with one field too many (a shifted or pasted row).
sed -i 's/^\(recorded-crime-per-1-000-population,recorded-crime-per-1-000-population,force-rate,.*\)\r$/\1,extra\r/' tables.csv
