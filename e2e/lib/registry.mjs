// The model registry as the tests see it: its events as plain values.

/**
 * `modelRegistry.ModelUpdated` as plain values, to compare with what an update declared:
 * { model, version, contentHash, merkleRoot } (hashes as hex).
 */
export function modelUpdatedFields(event) {
  const { model, version, contentHash, merkleRoot } = event.data;
  return {
    model: model.toNumber(),
    version: version.toNumber(),
    contentHash: contentHash.toHex(),
    merkleRoot: merkleRoot.toHex(),
  };
}
