#!/usr/bin/env bash
# Regenerates the Groth16 (BN254) test vectors for the proof-verifier pallet
# with circom (circom2, the wasm build from npm) and snarkjs.
#
# Output kept in this folder:
#   verification_key.json, proof.json, public.json   (a=3,  b=11, d=14)
#   proof2.json, public2.json                        (a=5,  b=7,  d=12)
# Everything else (ptau, r1cs, wasm, zkey, witness) goes to a temp dir that is
# removed on exit.
#
# The ceremony uses fixed entropy strings so it never prompts, but snarkjs
# still mixes in randomness (toxic waste, proof blinding), so every run produces
# a different verification key and different proofs. Regenerating therefore
# replaces all five JSON files together.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE"

START=$(date +%s)
BUILD="$(mktemp -d)"
trap 'rm -rf "$BUILD"' EXIT

echo "==> npm ci"
npm ci --no-audit --no-fund

SNARKJS="$HERE/node_modules/.bin/snarkjs"
CIRCOM="$HERE/node_modules/.bin/circom2"
"$CIRCOM" --version
"$SNARKJS" --version 2>/dev/null | head -n1 || true

echo "==> compile circuit"
"$CIRCOM" multiplier.circom --r1cs --wasm --sym -o "$BUILD"
"$SNARKJS" r1cs info "$BUILD/multiplier.r1cs"

echo "==> powers of tau (bn128, 2^8)"
"$SNARKJS" powersoftau new bn128 8 "$BUILD/pot_0000.ptau"
"$SNARKJS" powersoftau contribute "$BUILD/pot_0000.ptau" "$BUILD/pot_0001.ptau" \
    --name="aegis test contribution 1" -e="aegis proof-verifier test entropy one"
"$SNARKJS" powersoftau prepare phase2 "$BUILD/pot_0001.ptau" "$BUILD/pot_final.ptau"
"$SNARKJS" powersoftau verify "$BUILD/pot_final.ptau"

echo "==> groth16 setup"
"$SNARKJS" groth16 setup "$BUILD/multiplier.r1cs" "$BUILD/pot_final.ptau" "$BUILD/multiplier_0000.zkey"
"$SNARKJS" zkey contribute "$BUILD/multiplier_0000.zkey" "$BUILD/multiplier_final.zkey" \
    --name="aegis test contribution 2" -e="aegis proof-verifier test entropy two"
"$SNARKJS" zkey verify "$BUILD/multiplier.r1cs" "$BUILD/pot_final.ptau" "$BUILD/multiplier_final.zkey"
"$SNARKJS" zkey export verificationkey "$BUILD/multiplier_final.zkey" verification_key.json

# prove <a> <b> <suffix>
prove() {
    local a="$1" b="$2" suffix="$3"
    local d=$((a + b))
    echo "==> witness + proof for a=$a b=$b d=$d"
    printf '{"a": "%s", "b": "%s", "d": "%s"}\n' "$a" "$b" "$d" > "$BUILD/input$suffix.json"
    node "$BUILD/multiplier_js/generate_witness.js" "$BUILD/multiplier_js/multiplier.wasm" \
        "$BUILD/input$suffix.json" "$BUILD/witness$suffix.wtns"
    "$SNARKJS" wtns check "$BUILD/multiplier.r1cs" "$BUILD/witness$suffix.wtns"
    "$SNARKJS" groth16 prove "$BUILD/multiplier_final.zkey" "$BUILD/witness$suffix.wtns" \
        "proof$suffix.json" "public$suffix.json"
    "$SNARKJS" groth16 verify verification_key.json "public$suffix.json" "proof$suffix.json"
}

prove 3 11 ""
prove 5 7 "2"

echo "==> negative check: proof2 must NOT verify against public.json (an 'Invalid proof' error below is expected)"
if "$SNARKJS" groth16 verify verification_key.json public.json proof2.json; then
    echo "ERROR: proof2.json verified against public.json" >&2
    exit 1
fi

echo "==> negative check passed"
echo "==> done in $(( $(date +%s) - START ))s"
