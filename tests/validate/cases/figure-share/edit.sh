# 145% of all crime is impossible; an increase "from 56 percent to 178 percent" is not a share.
sed -i 's/^45,%,45 percent,"This has positively assisted/145,%,45 percent,"This has positively assisted/' figures.csv
sed -i 's/^56,%,56 percent,the number of 999 calls answered/178,%,56 percent,the number of 999 calls answered/' figures.csv
