# A share printed as 27% becomes 140: no share of anything is above 100.
sed -i 's/^\(proportion-of-female-officers-in-post,proportion-of-female-officers-in-post,force-proportion\),27,/\1,140,/' tables.csv
