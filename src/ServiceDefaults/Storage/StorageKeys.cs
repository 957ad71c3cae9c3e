namespace AdapterPipeline.ServiceDefaults.Storage;

/// <summary>
/// Builds every object key the system uses, so the layout lives in one place:
/// <code>
/// users/{user_id}/avatars/{avatar_id}/adapters/training_data/{file_name}
/// users/{user_id}/avatars/{avatar_id}/adapters/metadata/metadata.json
/// users/{user_id}/avatars/{avatar_id}/adapters/{adapter_name}/v{n}.zip
/// users/{user_id}/avatars/{avatar_id}/adapters/{adapter_name}/current.json
/// users/{user_id}/avatars/{avatar_id}/staging/jobs/{job_id}/…
/// users/{user_id}/avatars/{avatar_id}/staging/jobs/{job_id}/checkpoint/training_state.bin
/// users/{user_id}/avatars/{avatar_id}/staging/{upload_id}
/// models/{name}/{file}
/// </code>
/// Callers validate ids and names before building keys.
/// </summary>
public static class StorageKeys
{
    public static string Avatar(string userId, string avatarId) => $"users/{userId}/avatars/{avatarId}/";

    /// <summary>
    /// The avatar's system prompt (<c>{"system_prompt": …, "updated_at": …}</c>), written after each change and deleted when
    /// cleared; the inference workers read it for every chat. Beside the adapters, not under them: deleting an adapter keeps the persona.
    /// </summary>
    public static string SystemPrompt(string userId, string avatarId) => $"{Avatar(userId, avatarId)}system-prompt.json";

    public static string Adapters(string userId, string avatarId) => $"{Avatar(userId, avatarId)}adapters/";

    public static string TrainingDataPrefix(string userId, string avatarId) => $"{Adapters(userId, avatarId)}training_data/";

    public static string TrainingFile(string userId, string avatarId, string fileName) => TrainingDataPrefix(userId, avatarId) + fileName;

    public static string Metadata(string userId, string avatarId) => $"{Adapters(userId, avatarId)}metadata/metadata.json";

    public static string AdapterPrefix(string userId, string avatarId, string adapterName) => $"{Adapters(userId, avatarId)}{adapterName}/";

    public static string AdapterVersion(string userId, string avatarId, string adapterName, int version) =>
        $"{AdapterPrefix(userId, avatarId, adapterName)}v{version}.zip";

    /// <summary>Where uploads wait until they are validated and recorded; nothing under it is a training file yet.</summary>
    public static string StagingPrefix(string userId, string avatarId) => $"{Avatar(userId, avatarId)}staging/";

    public static string StagedUpload(string userId, string avatarId, string uploadId) => StagingPrefix(userId, avatarId) + uploadId;

    /// <summary>
    /// Whether <paramref name="key"/> is a staged upload (<see cref="StagedUpload"/>): one name right under an avatar's
    /// staging folder. A job's staging and checkpoint (<see cref="JobStaging"/>) never is one.
    /// </summary>
    public static bool IsStagedUpload(string key) =>
        key.Split('/') is ["users", { Length: > 0 }, "avatars", { Length: > 0 }, "staging", { Length: > 0 } name] && name != "jobs";

    /// <summary>Points at the adapter's current version (<c>{"version": n, "key": …}</c>), rewritten on every change.</summary>
    public static string AdapterPointer(string userId, string avatarId, string adapterName) =>
        $"{AdapterPrefix(userId, avatarId, adapterName)}current.json";

    /// <summary>
    /// Where a training worker leaves a job's adapter files for the packaging worker (file names in the contract's
    /// <c>StagedAdapterFiles</c>). Every side derives it from the job's user, avatar and id; no message carries it.
    /// </summary>
    public static string JobStaging(string userId, string avatarId, Guid jobId) => $"{StagingPrefix(userId, avatarId)}jobs/{jobId:N}/";

    /// <summary>
    /// A running job's latest checkpoint, from which a redelivered job resumes. Inside the job's staging folder, so
    /// that whatever ends the job also removes it.
    /// </summary>
    public static string JobCheckpoint(string userId, string avatarId, Guid jobId) => $"{JobStaging(userId, avatarId, jobId)}checkpoint/training_state.bin";

    public static string ModelPrefix(string modelName) => $"models/{modelName}/";

    /// <summary>
    /// <paramref name="prefix"/> when it names a folder: it ends with '/' (or is empty, the whole bucket). A prefix
    /// delete of <c>jobs/1</c> would also take <c>jobs/10</c>; of <c>jobs/1/</c> it cannot.
    /// </summary>
    public static string Folder(string prefix) => prefix.Length == 0 || prefix.EndsWith('/')
        ? prefix
        : throw new ArgumentException($"A prefix to delete must end with '/', or it also matches its siblings: '{prefix}'.", nameof(prefix));
}
