# The same component graded twice.
sed -i '/^effectiveness,investigating-crime,/p' judgments.csv
