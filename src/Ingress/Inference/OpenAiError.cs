namespace AdapterPipeline.Ingress.Inference;

/// <summary>A refusal of the /v1 API in OpenAI's error shape, which the OpenAI SDKs read: <c>{"error": {…}}</c>.</summary>
public static class OpenAiError
{
    public static IResult Result(int status, string message, string? param, string? code = null, string type = "invalid_request_error") =>
        Results.Json(new { error = new { message, type, param, code } }, statusCode: status);

    public static IResult ModelNotFound(string model) =>
        Result(StatusCodes.Status404NotFound, $"The model '{model}' does not exist or you do not have access to it.", "model", "model_not_found");
}
