#!/usr/bin/env python3
"""Derives the generator's data files in src/main/resources/vnemr/bench/ from the shared reference data.

Usage: python3 bench/tools/prepare-data.py /path/to/shared/data
Only the columns the generator reads are kept; see PROVENANCE.md beside the output.
"""
import csv, json, sys, zipfile, xml.etree.ElementTree as ET
from pathlib import Path

src = Path(sys.argv[1])
out = Path(__file__).resolve().parent.parent / 'src/main/resources/vnemr/bench'

# 63 legacy provinces: the CCCD birth-province prefix is '0' + the 2-digit code
seen = {}
with open(src / 'admin-units-2024-legacy/DVHC_tinh_huyen_xa_2024-06-11.csv', encoding='utf-8') as f:
    for r in csv.DictReader(f):
        seen.setdefault(r['matinh'], r['tentinh'])
with open(out / 'provinces-legacy-63.csv', 'w', encoding='utf-8', newline='') as f:
    w = csv.writer(f, lineterminator='\n'); w.writerow(['code', 'name'])
    for code in sorted(seen): w.writerow([code, seen[code]])

# 34 provinces and 3,321 wards after the 07/2025 reform
units = json.load(open(src / 'admin-units-2025/vn_units_2025.json', encoding='utf-8'))
with open(out / 'wards-2025.csv', 'w', encoding='utf-8', newline='') as f:
    w = csv.writer(f, lineterminator='\n'); w.writerow(['provinceCode', 'provinceName', 'wardCode', 'wardName'])
    for p in units:
        for ward in p['Wards']:
            w.writerow([p['Code'], p['FullName'], ward['Code'], ward['FullName']])

# ICD-10 diagnoses seen often in Vietnamese outpatient and inpatient care: code, weight, kind.
# Weights are a plausible visit mix for a district/provincial hospital, not a statistic.
DIAGNOSES = [
    ('I10', 30, 'chronic'), ('E11', 14, 'chronic'), ('E11.9', 6, 'chronic'), ('E78.5', 10, 'chronic'),
    ('I25.1', 4, 'chronic'), ('I50.0', 2, 'chronic'), ('N18.9', 2, 'chronic'), ('J44.9', 3, 'chronic'),
    ('J45.9', 2, 'chronic'), ('B18.1', 3, 'chronic'), ('K74.6', 1, 'chronic'), ('E03.9', 1, 'chronic'),
    ('M17.9', 3, 'chronic'), ('K21.0', 3, 'chronic'), ('I63.9', 1, 'chronic'), ('E14', 1, 'chronic'),
    ('J06.9', 20, 'acute'), ('J20.9', 8, 'acute'), ('J18.9', 4, 'acute'), ('K29.7', 10, 'acute'),
    ('A09', 6, 'acute'), ('M54.5', 6, 'acute'), ('A90', 3, 'acute'), ('K35.8', 1, 'acute'),
    ('N39.0', 3, 'acute'), ('R51', 3, 'acute'), ('H10.9', 2, 'acute'), ('L30.9', 2, 'acute'),
    ('S61.9', 1, 'acute'), ('J02.9', 6, 'acute'), ('K59.0', 2, 'acute'), ('Z00.0', 4, 'acute'),
]
with open(src / 'icd10-vn/icd10_qd4469.csv', encoding='utf-8') as f:
    names = {r['MÃ BỆNH']: r['TÊN BỆNH'].strip() for r in csv.DictReader(f)}
with open(out / 'diagnoses.csv', 'w', encoding='utf-8', newline='') as f:
    w = csv.writer(f, lineterminator='\n'); w.writerow(['code', 'display', 'weight', 'kind'])
    for code, weight, kind in DIAGNOSES:
        w.writerow([code, names[code], weight, kind])

# ICD-9-CM vol. 3 procedures (QĐ 4440 PL3): code, setting (outpatient/inpatient)
PROCEDURES = [('89.52', 'outpatient'), ('88.76', 'outpatient'), ('88.72', 'outpatient'), ('87.49', 'outpatient'),
              ('88.02', 'outpatient'), ('93.94', 'outpatient'), ('86.59', 'outpatient'), ('45.23', 'inpatient'),
              ('87.03', 'inpatient'), ('38.93', 'inpatient'), ('57.94', 'inpatient'), ('96.04', 'inpatient'),
              ('39.95', 'inpatient'), ('47.09', 'inpatient'), ('99.07', 'inpatient')]
m = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'
with zipfile.ZipFile(src / 'icd9cm/icd9cm_vol3_qd4440.xlsx') as z:
    strings = [''.join(t.text or '' for t in si.iter(m + 't')) for si in ET.fromstring(z.read('xl/sharedStrings.xml'))]
    icd9 = {}
    for row in ET.fromstring(z.read('xl/worksheets/sheet1.xml')).iter(m + 'row'):
        vals = []
        for c in row.iter(m + 'c'):
            v = c.find(m + 'v')
            vals.append('' if v is None else (strings[int(v.text)] if c.get('t') == 's' else v.text))
        if len(vals) >= 8 and vals[6]:
            icd9.setdefault(vals[6].strip(), vals[7].strip())
with open(out / 'procedures.csv', 'w', encoding='utf-8', newline='') as f:
    w = csv.writer(f, lineterminator='\n'); w.writerow(['code', 'display', 'setting'])
    for code, setting in PROCEDURES:
        w.writerow([code, icd9[code], setting])
