# "observation" is not a kind of finding.
sed -i '0,/,recommendation,/s//,observation,/' findings.csv
