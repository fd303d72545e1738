# A finding with no text, and a table cell whose printed text is blank.
sed -i 's/,The force needs to review its current allocation policy to ensure that those involving vulnerability receive the appropriate response.,266,/,,266,/' findings.csv
sed -i 's/^\(999-calls-per-1-000-population,999-calls-per-1-000-population,england-and-wales-rate,175,"per 1,000 population",12 months ending 31 March 2019\),175,/\1," ",/' tables.csv
