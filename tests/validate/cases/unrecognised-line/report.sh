# A stray line ingest cannot place, after report line 300.
sed '300a\
| a stray | markdown | table row |'
