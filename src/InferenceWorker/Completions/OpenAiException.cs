namespace AdapterPipeline.InferenceWorker.Completions;

/// <summary>A refusal answered in OpenAI's error shape: <c>{"error": {"message", "type", "param", "code"}}</c>.</summary>
public sealed class OpenAiException(int status, string message, string? param, string? code = null, string type = "invalid_request_error")
    : Exception(message)
{
    public int Status { get; } = status;

    public string? Param { get; } = param;

    public string? Code { get; } = code;

    public string Type { get; } = type;

    public static OpenAiException Invalid(string param, string message) => new(StatusCodes.Status400BadRequest, message, param);

    public static OpenAiException ModelNotFound(string model) =>
        new(StatusCodes.Status404NotFound, $"The model '{model}' does not exist or you do not have access to it.", "model", "model_not_found");

    public object Body => OpenAiErrors.Body(Message, Type, Param, Code);
}

/// <summary>The one error body both the worker and the Ingress answer with.</summary>
public static class OpenAiErrors
{
    public static object Body(string message, string type, string? param, string? code) =>
        new { error = new { message, type, param, code } };
}
