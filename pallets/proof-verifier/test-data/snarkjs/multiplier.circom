pragma circom 2.0.0;

// Test circuit for the Aegis proof-verifier pallet.
//
// Private inputs: a, b
// Public signals (in snarkjs `public.json` order): [c, d]
//   c = a * b   (public output; outputs come first)
//   d = a + b   (public input, constrained)
//
// Two public signals, so that a verifier which mixes up their order fails.
template Multiplier() {
    signal input a;
    signal input b;
    signal input d;
    signal output c;

    c <== a * b;
    d === a + b;
}

component main {public [d]} = Multiplier();
