//! Throughput of the work `aegis` does on whole model files, in bytes per second: the streaming
//! model digest (SHA3-512 content hash and Merkle leaves on two threads) and vault encryption
//! and decryption (X-Wing once, then ChaCha20-Poly1305 chunks). In memory, so the figures are
//! the code's, not the disk's; `scripts/bench-cli.sh` times the binary on files beside
//! `sha3sum`/`openssl`.
//!
//! `cargo bench -p aegis-cli --bench throughput`

use aegis_cli::{model, vault, xwing};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};

const SIZE: usize = 64 << 20;

fn data() -> Vec<u8> {
	(0..SIZE).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect()
}

fn digest(c: &mut Criterion) {
	let data = data();
	let mut group = c.benchmark_group("model digest");
	group.throughput(Throughput::Bytes(SIZE as u64)).sample_size(10);
	group.bench_function("64 MiB, 1 MiB shards", |b| {
		b.iter(|| model::digest_reader(&data[..], model::DEFAULT_SHARD_SIZE, |_| {}))
	});
	group.finish();
}

fn vault(c: &mut Criterion) {
	let data = data();
	let secret = xwing::keypair_from_seed(&[7; 32]);
	let public = secret.public_key().clone();
	let mut sealed = Vec::with_capacity(SIZE + SIZE / 1024);
	vault::encrypt(&public, vault::DEFAULT_CHUNK_EXPONENT, &data[..], &mut sealed, |_| {})
		.expect("encryption works");
	let mut group = c.benchmark_group("vault");
	group.throughput(Throughput::Bytes(SIZE as u64)).sample_size(10);
	group.bench_function("encrypt 64 MiB", |b| {
		b.iter_batched_ref(
			|| Vec::with_capacity(sealed.len()),
			|out| vault::encrypt(&public, vault::DEFAULT_CHUNK_EXPONENT, &data[..], out, |_| {}),
			BatchSize::LargeInput,
		)
	});
	group.bench_function("decrypt 64 MiB", |b| {
		b.iter_batched_ref(
			|| Vec::with_capacity(SIZE),
			|out| vault::decrypt(&secret, &sealed[..], out, |_| {}),
			BatchSize::LargeInput,
		)
	});
	group.finish();
}

criterion_group!(benches, digest, vault);
criterion_main!(benches);
