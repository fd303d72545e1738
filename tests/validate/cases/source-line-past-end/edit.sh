# The report has 1195 lines: a finding from line 1300 cannot be traced, nor a fact from line 0.
sed -i '2s/,265,1,265/,1300,1,265/' findings.csv
sed -i 's/^volunteers.count,619,volunteers,,861,/volunteers.count,619,volunteers,,0,/' facts.csv
