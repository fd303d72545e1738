# 2018/20 is not a financial year.
sed -i 's/^\(legitimacy,treating-public-fairly,Treating the public fairly,Good\),2018\/19,/\1,2018\/20,/' judgments.csv
