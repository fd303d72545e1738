# Police staff FTE of -8390: headcounts are never negative.
sed -i 's/^\(force-workforce,police-staff,fte-in-post-on-31-march-2019\),8390,/\1,-8390,/' tables.csv
