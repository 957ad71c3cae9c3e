namespace AdapterPipeline.Ingress.Tests.TrainingData;

[Collection(TrainingDataCollection.Name)]
public sealed class When_the_api_is_described(TrainingDataSystem system)
{
    [Theory]
    [InlineData("/training-data/{user_id}/{avatar_id}/upload")]
    [InlineData("/training-data/{user_id}/{avatar_id}/list")]
    [InlineData("/training-data/{user_id}/{avatar_id}/{file_name}/training-flag")]
    [InlineData("/training-data/{user_id}/{avatar_id}/non-training-files")]
    [InlineData("/training-data/{user_id}/{avatar_id}/{file_name}")]
    [InlineData("/training-data/{user_id}/{avatar_id}/download/{file_name}")]
    [InlineData("/training-data/{user_id}/{avatar_id}/metadata")]
    [InlineData("/training-data/{user_id}/{avatar_id}/uploads")]
    [InlineData("/training-data/{user_id}/{avatar_id}/uploads/{upload_id}/confirm")]
    [InlineData("/training-data/{user_id}/{avatar_id}/validate")]
    public async Task Should_list_every_training_data_route_in_the_openapi_document(string path)
    {
        var document = await system.Http.GetStringAsync("/openapi/v1.json");

        Assert.Contains($"\"{path}\"", document);
    }
}
