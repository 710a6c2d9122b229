using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.OpenApi;
using Sandviken.Strategy.Web.Hosting;
using Sandviken.Strategy.Web.OpenData;

namespace Sandviken.Strategy.Web.Api;

/// <summary>A parameter of an API endpoint: in the path or in the query string.</summary>
public sealed record ApiParameterDoc(string Name, string Description, bool InQuery);

/// <summary>
/// What an API endpoint documents beyond its summary and description: an example address and its parameters. The
/// OpenAPI document and the page /oppna-data are both made from this metadata, so they cannot disagree with the routes.
/// </summary>
public sealed record ApiEndpointDoc(string Example, IReadOnlyList<ApiParameterDoc> Parameters, string ContentType);

/// <summary>One documented endpoint, as /oppna-data lists it.</summary>
public sealed record ApiEndpointDescription(string Path, string Summary, string Description, ApiEndpointDoc Doc);

internal static partial class ApiDocumentation
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/v1.json";

    private const string YearPattern = "^[1-9][0-9]{3}$";

    /// <summary>
    /// Summary, description, example and parameters; the answer's type for the OpenAPI schema; problem answers; and the
    /// public cache, varying by exactly the endpoint's query parameters.
    /// </summary>
    public static RouteHandlerBuilder Doc<TAnswer>(
        this RouteHandlerBuilder builder, string summary, string description, string example, params ApiParameterDoc[] parameters) =>
        builder.Doc<TAnswer>(summary, description, example, parameters, "application/json");

    public static RouteHandlerBuilder Doc<TAnswer>(
        this RouteHandlerBuilder builder, string summary, string description, string example, ApiParameterDoc parameter, string contentType) =>
        builder.Doc<TAnswer>(summary, description, example, [parameter], contentType);

    private static RouteHandlerBuilder Doc<TAnswer>(
        this RouteHandlerBuilder builder, string summary, string description, string example, ApiParameterDoc[] parameters, string contentType) =>
        builder
            .WithSummary(summary)
            .WithDescription(description)
            .WithMetadata(new ApiEndpointDoc(example, parameters, contentType))
            .Produces<TAnswer>(StatusCodes.Status200OK, contentType)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status405MethodNotAllowed)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status500InternalServerError)
            .CachePublicly([.. parameters.Where(p => p.InQuery).Select(p => p.Name)]);

    public static RouteHandlerBuilder NotFound(this RouteHandlerBuilder builder) => builder.ProducesProblem(StatusCodes.Status404NotFound);

    public static RouteHandlerBuilder BadRequest(this RouteHandlerBuilder builder) =>
        builder.ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>The API's endpoints with their documentation, in the order they were mapped.</summary>
    public static IReadOnlyList<ApiEndpointDescription> Endpoints(EndpointDataSource source) =>
        [.. source.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ApiEndpointDoc>() is not null)
            .Select(e => new ApiEndpointDescription(
                PathOf(e.RoutePattern),
                e.Metadata.GetMetadata<IEndpointSummaryMetadata>()?.Summary ?? "",
                e.Metadata.GetMetadata<IEndpointDescriptionMetadata>()?.Description ?? "",
                e.Metadata.GetMetadata<ApiEndpointDoc>()!))];

    /// <summary>A route as OpenAPI writes it: /api/v1/plans/{id}, without constraints or a trailing slash.</summary>
    public static string PathOf(RoutePattern pattern)
    {
        var path = Constraint().Replace(pattern.RawText ?? "", "{$1}");
        path = path.Length > 1 ? path.TrimEnd('/') : path;
        return path.StartsWith('/') ? path : "/" + path;
    }

    public static IServiceCollection AddOpenDataOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            // Only the API: not the pages, the dashboard's CSV or /health.
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, context, ct) =>
            {
                var openData = context.ApplicationServices.GetRequiredService<OpenDataOptions>();
                document.Info = new OpenApiInfo
                {
                    Title = "Sandvikens strategiska mål – öppna data",
                    Version = "v1",
                    Description =
                        "Kommunfullmäktiges strategiska områden och nämndernas och bolagens beslutade mål som öppna data: mandatperioder, " +
                        "organisationer, planer och deras beslutade versioner, beslut, mål, indikatorer med värden, uppföljningar, beslutsstatus " +
                        "och träffbild. Bara beslutat material. Anonymt och bara för läsning. Värden från Kolada anges med ”Källa: Kolada”. " +
                        "Dokumentation på svenska: /oppna-data.",
                    License = new OpenApiLicense { Name = "Licens", Url = openData.LicenceUri },
                    Contact = string.IsNullOrEmpty(openData.ContactEmail)
                        ? null
                        : new OpenApiContact { Name = openData.ContactName, Email = openData.ContactEmail },
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, ct) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiEndpointDoc>().FirstOrDefault() is not { } doc)
                {
                    return Task.CompletedTask;
                }

                operation.Parameters ??= [];
                foreach (var parameter in doc.Parameters)
                {
                    if (operation.Parameters.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == parameter.Name) is { } known)
                    {
                        known.Description = parameter.Description;
                        if (known.Schema is OpenApiSchema schema && parameter.Name == ApiQuery.Year)
                        {
                            // The path's year is read as text and refused (404) unless it is four digits.
                            schema.Pattern = YearPattern;
                        }

                        continue;
                    }

                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = parameter.Name,
                        In = parameter.InQuery ? ParameterLocation.Query : ParameterLocation.Path,
                        Required = !parameter.InQuery,
                        Description = parameter.Description,
                        Schema = parameter.Name switch
                        {
                            ApiQuery.Organisation or ApiQuery.Area => new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[a-z0-9-]{1,100}$" },
                            ApiQuery.Year => new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1000", Maximum = "9999" },
                            ApiQuery.PageSize => new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1", Maximum = ApiQuery.MaxPageSize.ToString(CultureInfo.InvariantCulture) },
                            _ => new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
                        },
                    });
                }

                if (operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse answer)
                {
                    answer.Description = "Svaret. ETag och Last-Modified följer med; ett villkorligt anrop kan få 304.";
                    if (doc.ContentType != "application/json")
                    {
                        answer.Content?.Clear();
                        answer.Content?.Add(doc.ContentType, new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String }, Example = JsonValue.Create("Budgetår;…") });
                    }
                }

                return Task.CompletedTask;
            });
        });

    public static void MapOpenDataOpenApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapOpenApi(DocumentPath.Replace(DocumentName, "{documentName}", StringComparison.Ordinal))
            .RequireCors(OpenDataCors.PolicyName)
            .CachePublicly([]);

    [GeneratedRegex(@"\{([A-Za-z_][A-Za-z0-9_]*)(?::[^}]*)?\}")]
    private static partial Regex Constraint();
}
