#!/bin/sh
# Regenerate staff_libreoffice.xlsx from staff_libreoffice.csv with LibreOffice Calc,
# so the tests read a workbook written by LibreOffice, not only by openpyxl.
# Needs: apt-get install -y --no-install-recommends libreoffice-calc
# The tests use the committed .xlsx and never run LibreOffice.
#
# Filter options: comma-separated, double quotes, UTF-8 (76), from line 1, then
# column/format pairs: 2 = text (keeps the leading zeros of CCCD, codes, phone),
# 4 = date day/month/year (dates become real date cells).
set -eu
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
libreoffice --headless "-env:UserInstallation=file://$work/profile" \
  --infilter="CSV:44,34,76,1,1/2/4/4/5/2/14/2/20/4/21/4/22/2/23/2/24/4" \
  --convert-to xlsx --outdir "$work" staff_libreoffice.csv
mv "$work/staff_libreoffice.xlsx" staff_libreoffice.xlsx
echo "wrote $(pwd)/staff_libreoffice.xlsx"
