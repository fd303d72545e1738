# "Great" is not on the PEEL scale.
sed -i 's/^\(efficiency,planning-for-the-future,Planning for the future\),Good,/\1,Great,/' judgments.csv
