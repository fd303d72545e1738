# An area last inspected in 2020 in a 2018/19 report.
sed -i 's/^\(legitimacy,treating-public-fairly,Treating the public fairly,Good\),2017,/\1,2020,/' judgments.csv
