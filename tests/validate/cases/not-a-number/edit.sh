# Numbers with separators or scale words are not plain numbers.
sed -i 's/^\(force-workforce,police-officer,fte-in-post-on-31-march-2014\),30932,/\1,"30,932",/' tables.csv
sed -i 's/^investment.total,1580000000,/investment.total,1.58bn,/' facts.csv
