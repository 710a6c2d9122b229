#!/usr/bin/env bash
# Pictures of the plan's Word document for docs/open-data.md: a decided version and a working copy, downloaded from
# the running portal with the demo data, converted to PDF by LibreOffice and the first page to PNG by poppler.
# Not part of the test command.
#
#   bash scripts/document-screenshots.sh     # writes docs/images/dokument-beslutad-version.png and dokument-utkast.png
#
# The .docx files themselves are left in artifacts/documents/ for a look in Word.
set -euo pipefail
cd "$(dirname "$0")/.."

configuration=Release
port="${DOCUMENT_PORT:-5091}"
base="http://127.0.0.1:$port"
out="$PWD/artifacts/documents"
images="$PWD/docs/images"
work=$(mktemp -d /tmp/sandviken-documents.XXXXXX)
mkdir -p "$out" "$images"

# 1. LibreOffice (Writer without a GUI) and poppler from Debian's packages, once.
if ! command -v soffice >/dev/null || ! command -v pdftoppm >/dev/null; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "LibreOffice or poppler is missing: run 'sudo apt-get install -y --no-install-recommends libreoffice-writer-nogui poppler-utils' first." >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui poppler-utils >/dev/null
fi

# 2. The portal with the demo data, on a fresh database in a temporary folder.
dotnet build src/Sandviken.Strategy.Web --configuration "$configuration" -nologo -clp:ErrorsOnly
portal_pid=""
cleanup() {
  [ -n "$portal_pid" ] && kill "$portal_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

ASPNETCORE_ENVIRONMENT=Development \
Database__Provider=Sqlite \
ConnectionStrings__Sqlite="Data Source=$work/portal.db" \
Seed__IncludeDemoData=true \
Serilog__WriteTo__1__Args__path="$work/logs/portal-.log" \
  dotnet run --project src/Sandviken.Strategy.Web --configuration "$configuration" --no-build --no-launch-profile \
    --urls "$base" >"$work/portal-console.log" 2>&1 &
portal_pid=$!
for _ in $(seq 1 120); do
  curl -fsS -o /dev/null "$base/health" 2>/dev/null && break
  sleep 1
done
curl -fsS -o /dev/null "$base/health"

# 3. The latest decided version of Kunskapsnämnden's plan for 2025, as linked from the public plan page.
decided=$(curl -fsS "$base/organisationer/kunskapsnamnden/2025" | grep -o 'href="/organisationer/kunskapsnamnden/2025/versioner/[0-9]*\.docx"' | tail -1 | cut -d'"' -f2)
curl -fsS -o "$out/beslutad-version.docx" "$base$decided"

# 4. The working copy of Omsorgsnämnden's latest plan (its draft is decided, the final is not), signed in as its secretary.
jar="$work/cookies.txt"
token=$(curl -fsS -c "$jar" -b "$jar" "$base/konto/logga-in" | grep -o 'name="__RequestVerificationToken" value="[^"]*"' | head -1 | cut -d'"' -f4)
curl -fsS -o /dev/null -c "$jar" -b "$jar" \
  --data-urlencode "_handler=logga-in" --data-urlencode "__RequestVerificationToken=$token" \
  --data-urlencode "Input.Email=sekreterare.omsorg@sandviken.example" --data-urlencode "Input.Password=Sandviken-demo-2026" \
  "$base/konto/logga-in"
plan=$(curl -fsS -b "$jar" "$base/arbetsyta" | grep -o 'href="/arbetsyta/planer/[0-9]*"' | head -1 | cut -d'"' -f2)
curl -fsS -b "$jar" -o "$out/utkast.docx" "$base$plan/dokument.docx"

# 5. First page of each, 80 dpi.
for name in beslutad-version utkast; do
  soffice --headless --convert-to pdf --outdir "$work" "$out/$name.docx" >/dev/null
  pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$work/$name.pdf" "$images/dokument-$name"
  echo "docs/images/dokument-$name.png: $(stat -c %s "$images/dokument-$name.png") bytes"
done
