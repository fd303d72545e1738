# meta.csv without the force's name.
sed -i '/^force,/d' meta.csv
