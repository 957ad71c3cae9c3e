namespace AdapterPipeline.ServiceDefaults.Tests.Storage.Policies;

// Inside the namespace, so that Ingress names the user, not the AdapterPipeline.Ingress namespace.
using static S3Users;

/// <summary>Every row of the rights table in deploy/minio/README.md, on keys built the way the code builds them.</summary>
public sealed class When_a_service_uses_the_rights_its_code_needs
{
    private const string Get = "s3:GetObject", Put = "s3:PutObject", Delete = "s3:DeleteObject", Abort = "s3:AbortMultipartUpload";

    public static TheoryData<string, string, string, string> ObjectRights() => new()
    {
        { Ingress, Put, "staged upload", "TrainingFileUploader, PresignedUploads.CreateAsync" },
        { Ingress, Abort, "staged upload", "TrainingFileUploader (failed multipart upload)" },
        { Ingress, Get, "staged upload", "PresignedUploads.ConfirmAsync" },
        { Ingress, Delete, "staged upload", "refused uploads" },
        { Ingress, Get, "training file", "TrainingDataModule.Download" },
        { Ingress, Get, "adapter ZIP", "AdaptersModule.Download" },

        { MetadataService, Get, "staged upload", "RecordTrainingFilesConsumer (head, copy source)" },
        { MetadataService, Get, "training file", "RecordTrainingFilesConsumer (head, copy source)" },
        { MetadataService, Get, "adapter ZIP", "DiscardJobArtifactsConsumer (head)" },
        { MetadataService, Put, "training file", "RecordTrainingFilesConsumer (copy destination)" },
        { MetadataService, Put, "metadata.json", "MetadataJson" },
        { MetadataService, Put, "adapter pointer", "AdapterObjects.WritePointerAsync" },
        { MetadataService, Put, "system prompt", "SystemPromptWriter" },
        { MetadataService, Delete, "system prompt", "SystemPromptWriter" },
        { MetadataService, Delete, "staged upload", "StagingSweeper, RecordTrainingFilesConsumer" },
        { MetadataService, Delete, "staged adapter file", "DiscardJobArtifactsConsumer (job folder)" },
        { MetadataService, Delete, "job checkpoint", "DiscardJobArtifactsConsumer (job folder)" },
        { MetadataService, Delete, "training file", "AvatarTrainingDataWriter, RecordTrainingFilesConsumer (undo)" },
        { MetadataService, Delete, "adapter ZIP", "AdapterObjects, DiscardJobArtifactsConsumer" },
        { MetadataService, Delete, "adapter pointer", "AdapterObjects.WritePointerAsync (no current version)" },

        { TrainingWorker, Get, "base model file", "S3BaseModelDownloader" },
        { TrainingWorker, Get, "training file", "TrainingFileDownloader" },
        { TrainingWorker, Get, "adapter ZIP", "AdapterVersionDownloader (init_from_version)" },
        { TrainingWorker, Get, "job checkpoint", "JobCheckpoints (resume)" },
        { TrainingWorker, Delete, "job checkpoint", "JobCheckpoints (remove)" },
        { TrainingWorker, Put, "staged adapter file", "AdapterStaging" },
        { TrainingWorker, Abort, "staged adapter file", "AdapterStaging (failed multipart upload)" },
        { TrainingWorker, Put, "job checkpoint", "CheckpointUploads" },
        { TrainingWorker, Abort, "job checkpoint", "CheckpointUploads (failed multipart upload)" },

        { PackagingWorker, Get, "staged adapter file", "AdapterPackager (head, read)" },
        { PackagingWorker, Delete, "staged adapter file", "PackageAdapterConsumer (job folder)" },
        { PackagingWorker, Delete, "job checkpoint", "PackageAdapterConsumer (job folder)" },
        { PackagingWorker, Get, "adapter ZIP", "AdapterPackager.FindEarlierUploadAsync (head)" },
        { PackagingWorker, Put, "adapter ZIP", "AdapterPackager" },
        { PackagingWorker, Abort, "adapter ZIP", "AdapterPackager (failed multipart upload)" },

        { InferenceWorker, Get, "base model file", "S3BaseModelDownloader" },
        { InferenceWorker, Get, "system prompt", "SystemPromptStore" },
        { InferenceWorker, Get, "adapter pointer", "AdapterStore" },
        { InferenceWorker, Get, "adapter ZIP", "AdapterStore" },
    };

    public static TheoryData<string, string, string> Listings() => new()
    {
        { MetadataService, "all users", "StagingSweeper" },
        { MetadataService, "adapter folder", "AdapterObjects (match, delete all), DeleteAdapterConsumer (count)" },
        { MetadataService, "job folder", "DiscardJobArtifactsConsumer (prefix delete)" },
        { TrainingWorker, "base model folder", "S3BaseModelDownloader" },
        { PackagingWorker, "job folder", "PackageAdapterConsumer (prefix delete)" },
        { InferenceWorker, "base model folder", "S3BaseModelDownloader" },
    };

    public static TheoryData<string> Services() => new(All);

    public static TheoryData<string, string> ReadableKeys()
    {
        var keys = new TheoryData<string, string>();
        foreach (var row in ObjectRights().Where(row => (string)row[1] == Get))
        {
            keys.Add((string)row[0], (string)row[2]);
        }
        return keys;
    }

    [Theory]
    [MemberData(nameof(ObjectRights))]
    public void Should_allow_the_action_on_the_key(string service, string action, string key, string neededBy)
    {
        var request = S3Request.OnObject(action, SampleKeys.Object(key));

        Assert.True(ServicePolicies.Of(service).Allows(request), $"{service} may not {action} a {key}, needed by {neededBy}");
    }

    [Theory]
    [MemberData(nameof(Listings))]
    public void Should_allow_listing_the_folder(string service, string folder, string neededBy)
    {
        // ObjectStore.ListAsync sends no max-keys: the server's 1000.
        var request = S3Request.List(SampleKeys.Prefix(folder), maxKeys: null);

        Assert.True(ServicePolicies.Of(service).Allows(request), $"{service} may not list the {folder}, needed by {neededBy}");
    }

    [Theory]
    [MemberData(nameof(ReadableKeys))]
    public void Should_allow_listing_a_readable_key_to_tell_a_missing_one_from_a_refused_read(string service, string key)
    {
        // A read of a missing key answers 403 to a user who may not list it; ObjectStore then lists with the key as prefix.
        var request = S3Request.List(SampleKeys.Object(key), maxKeys: 1);

        Assert.True(ServicePolicies.Of(service).Allows(request), $"{service} may not list a {key} by its key");
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Should_pass_the_readiness_check_with_the_prefix_absent_or_empty(string service)
    {
        // S3HealthCheck lists one key without a prefix; the server may see the prefix as absent or as empty.
        Assert.True(ServicePolicies.Of(service).Allows(S3Request.List(prefix: null, maxKeys: 1)));
        Assert.True(ServicePolicies.Of(service).Allows(S3Request.List(prefix: "", maxKeys: 1)));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Should_decide_alike_for_every_user_and_avatar(string service)
    {
        // The bus is trusted: a service acts for any avatar, so its grants are patterns, never one avatar's keys.
        var policy = ServicePolicies.Of(service);
        string[] actions = [Get, Put, Delete, Abort];
        foreach (var key in SampleKeys.Objects)
        foreach (var action in actions)
        {
            var forAlice = policy.Allows(S3Request.OnObject(action, SampleKeys.Object(key)));
            Assert.Equal(forAlice, policy.Allows(S3Request.OnObject(action, SampleKeys.Object(key, "carol", "dave"))));
            Assert.Equal(forAlice, policy.Allows(S3Request.OnObject(action, SampleKeys.Object(key, "u-7f3a", "avatar_2"))));
        }
        foreach (var folder in new[] { "adapter folder", "training data folder", "job folder", "avatar folder", "staging folder" })
        {
            var forAlice = policy.Allows(S3Request.List(SampleKeys.Prefix(folder), maxKeys: null));
            Assert.Equal(forAlice, policy.Allows(S3Request.List(SampleKeys.Prefix(folder, "carol", "dave"), maxKeys: null)));
        }
    }
}
