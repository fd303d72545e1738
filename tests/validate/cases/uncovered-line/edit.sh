# Report lines 10 to 12 and 20 vanish from coverage.csv.
sed -i -e '/^1[0-2],/d' -e '/^20,/d' coverage.csv
