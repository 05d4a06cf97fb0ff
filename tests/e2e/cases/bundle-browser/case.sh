# The bundle's HTML as a real browser lays it out: headless Chromium prints index.html and
# a document page of an English and a Traditional Chinese bundle to PDF (the print
# stylesheet asks for A4), and pdftotext reads back the text that was rendered.
for tool in chromium pdftotext pdfinfo; do
  if ! command -v "$tool" >/dev/null; then
    echo "$tool is not installed (apt-get install chromium poppler-utils fonts-noto-cjk): skipped" >&2
    exit 77
  fi
done
"$SOURCE_DIR/examples/make-demo-repo.sh" demo >/dev/null
(cd demo && "$CSWM" bundle -o ../en.tar.gz >/dev/null && "$CSWM" bundle --lang zh-TW -o ../zh.tar.gz >/dev/null)
mkdir en zh
tar -xzf en.tar.gz -C en --warning=no-timestamp
tar -xzf zh.tar.gz -C zh --warning=no-timestamp

# rendered PAGE TEXT...: prints PAGE to PDF, then says the paper size and, for each TEXT,
# whether the rendered page shows it.
rendered() {
  local page=$1
  shift
  rm -f page.pdf
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --user-data-dir="$CASE_TMP/chromium" --no-pdf-header-footer --print-to-pdf="$PWD/page.pdf" \
    "file://$PWD/$page" >/dev/null 2>&1 || true
  if [ ! -s page.pdf ]; then
    echo "$page: Chromium printed nothing"
    return
  fi
  echo "$page: $(pdfinfo page.pdf | sed -n 's/^Page size:.*(\(.*\))$/\1/p')"
  pdftotext -layout page.pdf page.txt
  local text
  for text in "$@"; do
    if grep -qF -- "$text" page.txt; then
      echo "  shows: $text"
    else
      echo "  MISSING: $text"
    fi
  done
}

rendered en/index.html "Audit bundle: demo" "a6d7ad17c78d06b574adbec17830982d434939b8" "Traceability" "T2.3" "REQ-042"
rendered en/pages/FIX-012.html "Fix confirmation" "FIX-012" "TR-008"
rendered zh/index.html "稽核封存包: demo" "目錄" "追溯矩陣" "職能佐證（ISD3512-001v1）" "T2.3"
rendered zh/pages/FIX-012.html "修正問題確認單" "文件編號" "大檔續傳在離線" "簽核"
