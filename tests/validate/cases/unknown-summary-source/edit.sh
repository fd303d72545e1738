# "inspector" is not where a summary comes from (summary, observations or section).
sed -i '0,/,summary\r$/s//,inspector\r/' summaries.csv
