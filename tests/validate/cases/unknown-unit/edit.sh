# Units nothing downstream knows how to format or compare.
sed -i 's/^\(force-workforce,police-community-support-officer,fte-in-post-on-31-march-2019,1255\),FTE,/\1,fte,/' tables.csv
sed -i 's/^volunteers.count,619,volunteers,/volunteers.count,619,parsecs,/' facts.csv
