namespace AdapterPipeline.ServiceDefaults.Storage;

/// <summary>What was written: size and lowercase hex SHA-256 of the bytes as stored.</summary>
public sealed record StoredObject(string Key, long SizeBytes, string Sha256);
