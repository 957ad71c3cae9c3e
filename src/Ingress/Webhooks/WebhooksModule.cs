using AdapterPipeline.Contracts.Webhooks;
using AdapterPipeline.Ingress.Problems;
using AdapterPipeline.Ingress.TrainingData;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AdapterPipeline.Ingress.Webhooks;

/// <summary>
/// Webhook subscriptions, the per-job webhook secret, and the record of every delivery. The metadata service decides
/// and answers everything over the bus, the callback URL check included.
/// </summary>
public sealed class WebhooksModule : ICarterModule
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/webhooks/{user_id}").WithTags("Webhooks")
            .WithRouteIdChecks()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status504GatewayTimeout);

        group.MapPost("/subscriptions", Subscribe).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Subscribes a callback URL to some or all event types; the answer carries the signing secret, shown only here.");
        group.MapGet("/subscriptions", ListSubscriptions).WithSummary("Lists the user's subscriptions (without secrets).");
        group.MapDelete("/subscriptions/{subscription_id}", Unsubscribe).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Removes a subscription; its pending deliveries are not sent.");
        group.MapGet("/secret", Secret).WithSummary("The secret that signs webhooks sent to a job's own webhook_url (made on first use).");
        group.MapPost("/secret/rotate", RotateSecret)
            .WithSummary("Replaces that secret; the old one keeps signing beside the new one (a second v1 signature) for the configured overlap.");
        group.MapPost("/subscriptions/{subscription_id}/secret/rotate", RotateSubscriptionSecret).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Replaces a subscription's secret, shown only here; the old one keeps signing beside it for the configured overlap.");
        group.MapGet("/deliveries", ListDeliveries).WithSummary("The user's deliveries, newest first, with every attempt.");
        group.MapGet("/deliveries/{delivery_id}", Delivery).ProducesProblem(StatusCodes.Status404NotFound).WithSummary("One delivery with every attempt.");
        group.MapPost("/deliveries/{delivery_id}/redeliver", Redeliver).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Sends a delivery again now, with its retry schedule started afresh.");
    }

    private static async Task<Created<CreatedSubscription>> Subscribe(
        [FromRoute(Name = "user_id")] string userId, SubscriptionBody body, ServiceRequests metadata, CancellationToken ct)
    {
        var created = await metadata.AskAsync<CreateWebhookSubscription, WebhookSubscriptionCreated>(
            new CreateWebhookSubscription(userId, body.Url ?? "", body.Events, body.Description), ct);
        return TypedResults.Created($"/webhooks/{userId}/subscriptions", CreatedSubscription.From(created));
    }

    private static async Task<Ok<SubscriptionList>> ListSubscriptions(
        [FromRoute(Name = "user_id")] string userId, ServiceRequests metadata, CancellationToken ct)
    {
        var list = await metadata.AskAsync<ListWebhookSubscriptions, WebhookSubscriptionList>(new ListWebhookSubscriptions(userId), ct);
        return TypedResults.Ok(new SubscriptionList(userId, list.Subscriptions));
    }

    private static async Task<NoContent> Unsubscribe(
        [FromRoute(Name = "user_id")] string userId, [FromRoute(Name = "subscription_id")] string subscriptionId,
        ServiceRequests metadata, CancellationToken ct)
    {
        await metadata.AskAsync<DeleteWebhookSubscription, WebhookSubscriptionDeleted>(
            new DeleteWebhookSubscription(userId, IdOf(subscriptionId, "subscription_id")), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<JobSecret>> Secret(
        [FromRoute(Name = "user_id")] string userId, ServiceRequests metadata, CancellationToken ct)
    {
        var secret = await metadata.AskAsync<GetJobWebhookSecret, JobWebhookSecret>(new GetJobWebhookSecret(userId), ct);
        return TypedResults.Ok(new JobSecret(secret.UserId, secret.Secret, secret.CreatedAt, secret.PreviousSecretValidUntil));
    }

    private static async Task<Ok<JobSecret>> RotateSecret(
        [FromRoute(Name = "user_id")] string userId, ServiceRequests metadata, CancellationToken ct)
    {
        var secret = await metadata.AskAsync<RotateJobWebhookSecret, JobWebhookSecret>(new RotateJobWebhookSecret(userId), ct);
        return TypedResults.Ok(new JobSecret(secret.UserId, secret.Secret, secret.CreatedAt, secret.PreviousSecretValidUntil));
    }

    private static async Task<Ok<WebhookSubscriptionSecretRotated>> RotateSubscriptionSecret(
        [FromRoute(Name = "user_id")] string userId, [FromRoute(Name = "subscription_id")] string subscriptionId,
        ServiceRequests metadata, CancellationToken ct) =>
        TypedResults.Ok(await metadata.AskAsync<RotateWebhookSubscriptionSecret, WebhookSubscriptionSecretRotated>(
            new RotateWebhookSubscriptionSecret(userId, IdOf(subscriptionId, "subscription_id")), ct));

    private static async Task<Ok<DeliveryPage>> ListDeliveries(
        [FromRoute(Name = "user_id")] string userId, [AsParameters] DeliveryPageQuery query,
        ServiceRequests metadata, CancellationToken ct)
    {
        var pageSize = QueryValues.Number(query.Limit, "limit", DefaultPageSize, 1, MaxPageSize);
        var page = await metadata.AskAsync<ListWebhookDeliveries, WebhookDeliveryList>(
            new ListWebhookDeliveries(userId, pageSize, string.IsNullOrEmpty(query.Cursor) ? null : query.Cursor), ct);
        return TypedResults.Ok(new DeliveryPage(userId, page.Deliveries, pageSize, page.NextCursor));
    }

    private static async Task<Ok<WebhookDeliveryDetails>> Delivery(
        [FromRoute(Name = "user_id")] string userId, [FromRoute(Name = "delivery_id")] string deliveryId,
        ServiceRequests metadata, CancellationToken ct)
    {
        var found = await metadata.AskAsync<GetWebhookDelivery, WebhookDeliveryFound>(new GetWebhookDelivery(userId, IdOf(deliveryId, "delivery_id")), ct);
        return TypedResults.Ok(found.Delivery);
    }

    private static async Task<Accepted<WebhookDeliveryDetails>> Redeliver(
        [FromRoute(Name = "user_id")] string userId, [FromRoute(Name = "delivery_id")] string deliveryId,
        ServiceRequests metadata, CancellationToken ct)
    {
        var scheduled = await metadata.AskAsync<RedeliverWebhook, WebhookRedeliveryScheduled>(new RedeliverWebhook(userId, IdOf(deliveryId, "delivery_id")), ct);
        return TypedResults.Accepted($"/webhooks/{userId}/deliveries/{scheduled.Delivery.DeliveryId}", scheduled.Delivery);
    }

    private static Guid IdOf(string value, string field) =>
        Guid.TryParse(value, out var id) ? id : throw ApiProblemException.Invalid(field, "is not an id this API returned");
}
