# A component components.csv does not know, and a real one under the wrong pillar.
sed -i 's/^effectiveness,investigating-crime,area_for_improvement,"The force needs to ensure/effectiveness,investigating-crimes,area_for_improvement,"The force needs to ensure/' findings.csv
sed -i '0,/^effectiveness,preventing-crime,/s//effectiveness,treating-public-fairly,/' summaries.csv
