# Regenerates docs/errors.md from every module's message files. Run from the repository root:
#   python3 scripts/generate-errors-doc.py
import glob,re,os
rows={}
for f in sorted(glob.glob('*/src/main/resources/messages/errors-*_vi.properties')):
    en=f.replace('_vi.properties','_en.properties')
    def load(p):
        d={}
        for line in open(p,encoding='utf-8'):
            line=line.rstrip('\n')
            if not line or line.startswith('#'): continue
            k,v=line.split('=',1); d[k.strip()]=v.strip()
        return d
    vi=load(f); e=load(en) if os.path.exists(en) else {}
    mod=re.search(r'errors-(.*)_vi',f).group(1)
    for k in vi: rows[k]=(mod,vi[k],e.get(k,''))
out=['# Error codes','','Every error a user or client sees carries a code `VNEMR-nnnn` and a message in Vietnamese and English',
'(`*/src/main/resources/messages/errors-<module>_{vi,en}.properties`). Ranges: fhir 1000 (store and REST 1000–1099,',
'validation 1100, search 1200, indexing 1300, bulk 1400), terminology 2000, vn-core 3000, signing 4000, platform 5000,',
'emr 6000, bhyt 7000, hub 8000. `{0}`, `{1}` … are filled in at run time. `ErrorCatalogTest` fails on a code missing here.','',
'| code | area | tiếng Việt | English |','|---|---|---|---|']
for k in sorted(rows):
    m,v,e=rows[k]
    bar='|'; esc='\\|'
    out.append('| '+k+' | '+m+' | '+v.replace(bar,esc)+' | '+e.replace(bar,esc)+' |')
open('docs/errors.md','w',encoding='utf-8').write('\n'.join(out)+'\n')
print(len(rows))
