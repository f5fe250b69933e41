#!/bin/sh
# Akoma Ntoso output (-f akn): every sample and every real document of
# tests/data/real converts and validates against the OASIS schema kept in
# schema/akomantoso/; the schema does reject a broken file; and the parts
# that matter are where they belong (a quyết định is an act with articles,
# paragraphs and points, a công văn a doc; FRBR country and language; the
# signer and the recitals).
B=${1:-build}
V="$B/vanban"
XSD=schema/akomantoso/akomantoso30.xsd
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

for f in samples/* tests/data/real/*.docx; do
    case "$f" in *.txt | *.docx) ;; *) continue ;; esac
    name=$(basename "$f")
    if ! "$V" convert -q -f akn -o "$T/$name.akn.xml" "$f" 2>"$T/err"; then
        echo "FAIL akn/convert $name: $(head -1 "$T/err")"
        continue
    fi
    if xmllint --noout --schema "$XSD" "$T/$name.akn.xml" 2>"$T/err"; then
        echo "ok akn/valid $name"
    else
        echo "FAIL akn/valid $name: $(grep -v 'fails to validate' "$T/err" | head -2 | tr '\n' ' ')"
    fi
done

# the schema is no rubber stamp: an identification without its country fails
D08="$T/d08_QD-UBND-uyquyen-VLNCN.docx.akn.xml"
sed '/<FRBRcountry/d' "$D08" >"$T/broken.xml"
if xmllint --noout --schema "$XSD" "$T/broken.xml" 2>/dev/null; then
    echo "FAIL akn/schema-rejects: a Work without FRBRcountry validated"
else
    echo "ok akn/schema-rejects: a Work without FRBRcountry is refused"
fi

# count XPATH FILE: how many nodes the expression selects
count() { xmllint --xpath "count($1)" "$2" 2>/dev/null; }
expect() { # NAME EXPECTED XPATH FILE
    got=$(count "$3" "$4")
    if [ "$got" = "$2" ]; then echo "ok akn/$1"; else echo "FAIL akn/$1: $3 selects $got, not $2"; fi
}
n() { printf "*[local-name()='%s']" "$1"; }

expect d08-act 1 "/$(n akomaNtoso)/$(n act)[@name='quyet-dinh']" "$D08"
expect d08-country 1 "//$(n FRBRWork)/$(n FRBRcountry)[@value='vn']" "$D08"
expect d08-language 1 "//$(n FRBRExpression)/$(n FRBRlanguage)[@language='vie']" "$D08"
expect d08-work-uri 1 "//$(n FRBRWork)/$(n FRBRuri)[@value='/akn/vn/act/quyet-dinh/ubnd-lao-cai/2025']" "$D08"
expect d08-articles 4 "//$(n body)/$(n article)" "$D08"
expect d08-points 5 "//$(n article)[@eId='art_3']/$(n paragraph)[@eId='art_3__para_2']/$(n point)" "$D08"
expect d08-citations 5 "//$(n preamble)/$(n citations)/$(n citation)" "$D08"
expect d08-recital 1 "//$(n preamble)/$(n recitals)/$(n recital)" "$D08"
expect d08-signer 1 "//$(n conclusions)//$(n signature)/$(n person)[@refersTo='#signer_1' and @as='#role_3']" "$D08"
expect d08-tlc-person 1 "//$(n references)/$(n TLCPerson)[@eId='signer_1']" "$D08"
# a draft printed without day and month: no docDate (it needs a whole date)
expect d08-no-docdate 0 "//$(n docDate)" "$D08"

# a công văn prints no type: its ký hiệu names none either (Nghị định 30/2020)
D19="$T/d19_CV-UBND-KT-giao-SCT.docx.akn.xml"
expect d19-doc 1 "/$(n akomaNtoso)/$(n doc)[@name='cong-van']" "$D19"
expect d19-mainbody 1 "//$(n doc)/$(n mainBody)" "$D19"

S3="$T/003_5b25fda696698159.txt.akn.xml"
expect seed003-plan 1 "/$(n akomaNtoso)/$(n doc)[@name='ke-hoach']" "$S3"
expect seed003-sections 7 "//$(n mainBody)/$(n section)" "$S3"
expect seed003-attachments 3 "//$(n attachments)/$(n attachment)/$(n doc)[@name='phu-luc']" "$S3"
# the resolution it carries out, cited in the preamble with its date
expect seed003-ref 1 "//$(n preamble)//$(n ref)[@href='/akn/vn/act/nghi-quyet/ban-thuong-vu-tinh-uy/2026-03-30/10-nq-tu']" "$S3"

# footnotes are authorial notes where their marks are
S2="$T/002_a66ba2e25b7bb22e.txt.akn.xml"
expect seed002-notes 3 "//$(n authorialNote)" "$S2"
