# A cell printed "n/a" has no number and that is fine; "12x" is a garbled figure.
sed -i 's/^\(crime-outcomes,proportion-of-crimes-where-action-was-taken,force-proportion\),12,%,\(12 months ending 30 September 2018\),12%,/\1,,%,\2,n\/a,/' tables.csv
sed -i 's/^\(crime-outcomes,proportion-of-crimes-where-action-was-taken,england-and-wales-proportion\),13,%,\(12 months ending 30 September 2018\),13%,/\1,,%,\2,12x,/' tables.csv
