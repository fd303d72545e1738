# No efficiency pillar judgment at all.
sed -i '/^efficiency,,Efficiency,/d' judgments.csv
