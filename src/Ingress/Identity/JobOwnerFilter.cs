using AdapterPipeline.Contracts.Jobs;
using AdapterPipeline.Ingress.Problems;

namespace AdapterPipeline.Ingress.Identity;

/// <summary>
/// A job is addressed without its user, so a user-bound caller's job is checked against its owner first; another
/// user's job answers exactly as a missing one does (no existence oracle).
/// </summary>
public sealed class JobOwnerFilter(ServiceRequests requests) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (Caller.From(http.User) is { IsService: false } caller
            && Guid.TryParse(http.GetRouteValue("job_id") as string, out var jobId))
        {
            var job = await requests.AskAsync<GetTrainingJob, TrainingJobStatus>(new GetTrainingJob(jobId), http.RequestAborted);
            if (!caller.MayActFor(job.UserId))
            {
                // The metadata service's own answer for a job it does not have.
                throw ApiProblemException.NotFound("job_id", $"No job {jobId}.");
            }
        }
        return await next(context);
    }
}
