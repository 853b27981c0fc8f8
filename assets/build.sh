#!/usr/bin/env bash
# Build the portal's vendored front-end assets (maintainers only).
#
#   bash assets/build.sh        (or: make assets)
#
# Installs the pinned toolchain from assets/package-lock.json (npm ci), then
# writes, under static/:
#   portal/portal.css               GOV.UK Frontend 6.6.0 + council styles
#   portal/favicon.svg              council mark (not the crown)
#   govuk/govuk-frontend.min.js     GOV.UK Frontend JS (ES module, no source map)
#   govuk/assets/...                only images the CSS actually references
#                                   (none today), never crown artwork or fonts
# The output is committed; the running site needs no Node.
set -euo pipefail

ASSETS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT_DIR="$(cd "$ASSETS_DIR/.." && pwd)"
STATIC_DIR="$ROOT_DIR/static"
PORTAL_OUT="$STATIC_DIR/portal"
GOVUK_OUT="$STATIC_DIR/govuk"
GOVUK_VERSION="6.6.0"

fail() {
  echo "build.sh: $*" >&2
  exit 1
}

command -v npm >/dev/null 2>&1 || fail "npm is required to build the assets"

cd "$ASSETS_DIR"
npm ci --no-audit --no-fund

GF_PKG="$ASSETS_DIR/node_modules/govuk-frontend"
GF_DIST="$GF_PKG/dist"
GF_ASSETS="$GF_DIST/govuk/assets"
SASS="$ASSETS_DIR/node_modules/.bin/sass"

installed="$(node -p "require('$GF_PKG/package.json').version")"
[[ "$installed" == "$GOVUK_VERSION" ]] ||
  fail "expected govuk-frontend $GOVUK_VERSION, found $installed"

mkdir -p "$PORTAL_OUT" "$GOVUK_OUT"

# --- CSS ---------------------------------------------------------------------
"$SASS" \
  --style=compressed \
  --no-source-map \
  --quiet-deps \
  --load-path="$GF_DIST" \
  "$ASSETS_DIR/src/portal.scss" \
  "$PORTAL_OUT/portal.css"

CSS="$PORTAL_OUT/portal.css"

if grep -q "GDS Transport" "$CSS"; then
  fail "portal.css mentions GDS Transport"
fi
if grep -q "sourceMappingURL" "$CSS"; then
  fail "portal.css carries a sourceMappingURL"
fi
if grep -Eq "url\(['\"]?/" "$CSS"; then
  fail "portal.css has an absolute url(/...): asset URLs must be relative"
fi

# --- Images/fonts referenced by the CSS --------------------------------------
# Copy only what portal.css references, and check every url() resolves to a
# file under static/ relative to the CSS file. Crown artwork and fonts are
# never copied.
rm -rf "$GOVUK_OUT/assets"
mapfile -t urls < <(grep -oE "url\([^)]*\)" "$CSS" | sed -E "s/^url\(['\"]?//; s/['\"]?\)$//" | sort -u)
for url in "${urls[@]}"; do
  [[ -z "$url" || "$url" == data:* ]] && continue
  case "$url" in
    http:* | https:* | //*) fail "portal.css references a remote URL: $url" ;;
  esac
  path="${url%%[?#]*}"
  target="$(realpath -m "$PORTAL_OUT/$path")"
  case "$target" in
    "$GOVUK_OUT/assets/"*)
      rel="${target#"$GOVUK_OUT/assets/"}"
      lower="$(printf '%s' "$rel" | tr '[:upper:]' '[:lower:]')"
      case "$lower" in
        *crest* | *crown* | govuk-* | */govuk-* | fonts/*)
          fail "portal.css references gov.uk-only asset $rel"
          ;;
      esac
      [[ -f "$GF_ASSETS/$rel" ]] || fail "no such GOV.UK Frontend asset: $rel"
      mkdir -p "$(dirname "$GOVUK_OUT/assets/$rel")"
      cp "$GF_ASSETS/$rel" "$GOVUK_OUT/assets/$rel"
      ;;
  esac
  case "$target" in
    "$STATIC_DIR/"*) ;;
    *) fail "url($url) resolves outside static/" ;;
  esac
  [[ -f "$target" ]] || fail "url($url) does not resolve to a file under static/"
done

# --- JavaScript --------------------------------------------------------------
# ES module (ends in `export{…}`), load with <script type="module">. The
# source map is not shipped, so drop the comment pointing at it.
sed -E 's@//# sourceMappingURL=[^[:space:]]*@@' \
  "$GF_DIST/govuk/govuk-frontend.min.js" >"$GOVUK_OUT/govuk-frontend.min.js"
if grep -q "sourceMappingURL" "$GOVUK_OUT/govuk-frontend.min.js"; then
  fail "govuk-frontend.min.js still carries a sourceMappingURL"
fi
grep -q "export{" "$GOVUK_OUT/govuk-frontend.min.js" ||
  fail "govuk-frontend.min.js is not an ES module"

# --- Favicon -----------------------------------------------------------------
# The council's own mark: a white "W" on a rounded brand-colour square.
cat >"$PORTAL_OUT/favicon.svg" <<'SVG'
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" role="img" aria-label="Wyebridge District Council">
  <rect width="32" height="32" rx="6" fill="#0b4f6c"/>
  <path d="M6.5 9 10.75 23.5 16 12.5 21.25 23.5 25.5 9" fill="none" stroke="#fff" stroke-width="3.2" stroke-linecap="round" stroke-linejoin="round"/>
</svg>
SVG

echo "Built:"
for f in "$CSS" "$PORTAL_OUT/favicon.svg" "$GOVUK_OUT/govuk-frontend.min.js"; do
  printf '  %-40s %8s bytes\n' "${f#"$ROOT_DIR/"}" "$(wc -c <"$f" | tr -d ' ')"
done
if [[ -d "$GOVUK_OUT/assets" ]]; then
  find "$GOVUK_OUT/assets" -type f | sed "s@^$ROOT_DIR/@  @"
else
  echo "  (no GOV.UK Frontend images or fonts are referenced, none copied)"
fi
