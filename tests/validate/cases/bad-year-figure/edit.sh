# A prose year of 1850, and a table period naming 2018/20.
sed -i 's/^2018,year,2018\/19,Our overall assessment/1850,year,2018\/19,Our overall assessment/' figures.csv
sed -i 's/^\(spend-per-head-of-population-by-category,other,force-spend,13,GBP per head\),2018\/19 projection,/\1,2018\/20 projection,/' tables.csv
