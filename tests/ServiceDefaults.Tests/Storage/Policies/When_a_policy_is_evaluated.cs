namespace AdapterPipeline.ServiceDefaults.Tests.Storage.Policies;

/// <summary>The evaluator itself, on small policies: the IAM rules MinIO follows, and loud refusal of the rest.</summary>
public sealed class When_a_policy_is_evaluated
{
    private static IamPolicy Policy(params string[] statements) =>
        IamPolicy.Parse($$"""{ "Version": "2012-10-17", "Statement": [ {{string.Join(",", statements)}} ] }""");

    private const string AllowGetUsers = """{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::adapter-pipeline/users/*" }""";

    private static string AllowList(string condition) =>
        $$"""{ "Effect": "Allow", "Action": ["s3:ListBucket"], "Resource": ["arn:aws:s3:::adapter-pipeline"], "Condition": {{condition}} }""";

    [Fact]
    public void Should_deny_what_no_statement_allows()
    {
        var policy = Policy(AllowGetUsers);

        Assert.True(policy.Allows(S3Request.OnObject("s3:GetObject", "users/a/x")));
        Assert.False(policy.Allows(S3Request.OnObject("s3:PutObject", "users/a/x")));
        Assert.False(policy.Allows(S3Request.OnObject("s3:GetObject", "models/x")));
        Assert.False(policy.Allows(S3Request.OnBucket("s3:GetObject")));
    }

    [Fact]
    public void Should_let_an_explicit_deny_beat_an_allow()
    {
        var policy = Policy(AllowGetUsers,
            """{ "Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::adapter-pipeline/users/*/secret/*" }""");

        Assert.True(policy.Allows(S3Request.OnObject("s3:GetObject", "users/a/open/x")));
        Assert.False(policy.Allows(S3Request.OnObject("s3:GetObject", "users/a/secret/x")));
    }

    [Theory]
    [InlineData("arn:aws:s3:::adapter-pipeline/users/*/x", "users/a/b/c/x", true)]
    [InlineData("arn:aws:s3:::adapter-pipeline/users/*/x", "users/x", false)]
    [InlineData("arn:aws:s3:::adapter-pipeline/v?.zip", "v7.zip", true)]
    [InlineData("arn:aws:s3:::adapter-pipeline/v?.zip", "v12.zip", false)]
    [InlineData("arn:aws:s3:::adapter-pipeline/a.b", "aXb", false)]
    [InlineData("arn:aws:s3:::adapter-pipeline/users/*", "Users/a", false)]
    public void Should_match_resources_with_star_across_slashes_and_question_mark_as_one_character(string resource, string key, bool allowed)
    {
        var policy = Policy($$"""{ "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": ["arn:aws:s3:::other", "{{resource}}"] }""");

        Assert.Equal(allowed, policy.Allows(S3Request.OnObject("s3:PutObject", key)));
    }

    [Fact]
    public void Should_match_action_wildcards()
    {
        var policy = Policy("""{ "Effect": "Allow", "Action": "s3:*Object", "Resource": "arn:aws:s3:::adapter-pipeline/*" }""");

        Assert.True(policy.Allows(S3Request.OnObject("s3:DeleteObject", "k")));
        Assert.False(policy.Allows(S3Request.OnObject("s3:AbortMultipartUpload", "k")));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("models/", true)]
    [InlineData("users/a/", true)]
    [InlineData("users/", false)]
    public void Should_match_string_like_on_any_of_its_values_and_never_on_an_absent_key(string? prefix, bool allowed)
    {
        var policy = Policy(AllowList("""{ "StringLike": { "s3:prefix": ["models/*", "users/?*/"] } }"""));

        Assert.Equal(allowed, policy.Allows(S3Request.List(prefix, maxKeys: null)));
    }

    [Theory]
    [InlineData(null, 1, true)]
    [InlineData(null, 2, false)]
    [InlineData(null, null, false)]
    [InlineData("", 1, false)]
    [InlineData("users/", 1, false)]
    public void Should_require_every_condition_with_null_true_meaning_absent(string? prefix, int? maxKeys, bool allowed)
    {
        var policy = Policy(AllowList("""{ "Null": { "s3:prefix": "true" }, "NumericLessThanEquals": { "s3:max-keys": "1" } }"""));

        Assert.Equal(allowed, policy.Allows(S3Request.List(prefix, maxKeys)));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", true)]
    [InlineData("x", false)]
    public void Should_compare_string_equals_exactly(string? prefix, bool allowed)
    {
        var policy = Policy(AllowList("""{ "StringEquals": { "s3:prefix": "" } }"""));

        Assert.Equal(allowed, policy.Allows(S3Request.List(prefix, maxKeys: 1)));
    }

    [Fact]
    public void Should_satisfy_null_false_only_when_the_key_is_present()
    {
        var policy = Policy(AllowList("""{ "Null": { "s3:prefix": "false" } }"""));

        Assert.True(policy.Allows(S3Request.List("", maxKeys: null)));
        Assert.False(policy.Allows(S3Request.List(null, maxKeys: null)));
    }

    [Theory]
    [InlineData("""{ "Effect": "Allow", "NotAction": "s3:PutObject", "Resource": "arn:aws:s3:::adapter-pipeline/*" }""")]
    [InlineData("""{ "Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::adapter-pipeline/models/*" }""")]
    [InlineData("""{ "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::adapter-pipeline/*" }""")]
    [InlineData("""{ "Effect": "Allow", "Action": "s3:GetObjects", "Resource": "arn:aws:s3:::adapter-pipeline/*" }""")]
    [InlineData("""{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::adapter-pipeline/users/${aws:username}/*" }""")]
    [InlineData("""{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "adapter-pipeline/*" }""")]
    [InlineData("""{ "Effect": "Audit", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::adapter-pipeline/*" }""")]
    [InlineData("""{ "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::adapter-pipeline", "Condition": { "StringNotLike": { "s3:prefix": "x" } } }""")]
    [InlineData("""{ "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::adapter-pipeline", "Condition": { "ForAnyValue:StringLike": { "s3:prefix": "x" } } }""")]
    [InlineData("""{ "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::adapter-pipeline", "Condition": { "StringLikeIfExists": { "s3:prefix": "x" } } }""")]
    [InlineData("""{ "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::adapter-pipeline", "Condition": { "StringLike": { "s3:delimiter": "/" } } }""")]
    [InlineData("""{ "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::adapter-pipeline", "Condition": { "NumericLessThanEquals": { "s3:max-keys": 1 } } }""")]
    public void Should_refuse_a_policy_that_uses_what_it_does_not_implement(string statement) =>
        Assert.Throws<NotSupportedException>(() => Policy(statement));

    [Fact]
    public void Should_refuse_another_policy_version() =>
        Assert.Throws<NotSupportedException>(() => IamPolicy.Parse($$"""{ "Version": "2008-10-17", "Statement": [ {{AllowGetUsers}} ] }"""));

    [Fact]
    public void Should_find_one_policy_per_service_that_uses_s3()
    {
        // The webhook service never calls AddS3Storage and has no policy.
        var files = Directory.GetFiles(ServicePolicies.Folder, "*.json").Select(Path.GetFileNameWithoutExtension).Order();

        Assert.Equal(S3Users.All.Order(), files);
    }

    [Theory]
    [MemberData(nameof(When_a_service_oversteps_its_rights.Services), MemberType = typeof(When_a_service_oversteps_its_rights))]
    public void Should_read_every_shipped_policy_with_nothing_left_unimplemented(string service) =>
        Assert.NotEmpty(ServicePolicies.Of(service).Statements);
}
