using Azure.Data.Tables;
using FeedbackBot.Core.Access;
using FeedbackBot.Core.Cards;
using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Messaging;
using FeedbackBot.Storage;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Hosting;

public static class ConversationSetup
{
    /// <summary>The channel-neutral core: cards, storage, roles, the catalog, every handler and the router.</summary>
    public static WebApplicationBuilder AddConversations(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);

        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidation>();
        services.AddSingleton(sp => new TableServiceClient(sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString));
        services.AddSingleton<Tables>();
        services.AddSingleton<CatalogStore>();
        services.AddSingleton<ICatalogStore>(sp => new CachedCatalogStore(sp.GetRequiredService<CatalogStore>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IFlowStateStore, FlowStateStore>();
        services.AddSingleton<IMessenger, Messenger>();

        services.AddOptions<CatalogOptions>().BindConfiguration(CatalogOptions.Section).ValidateOnStart();
        services.AddOptions<RolesOptions>().BindConfiguration(RolesOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CatalogOptions>, ConversationOptionsValidation>();
        services.AddSingleton<IValidateOptions<RolesOptions>, ConversationOptionsValidation>();

        // cards/ is copied beside the binaries: never resolved against the working directory.
        services.AddSingleton(_ => CardTemplates.Load(Path.Combine(AppContext.BaseDirectory, "cards")));
        services.AddSingleton(sp => new RoleDirectory(sp.GetRequiredService<IOptions<RolesOptions>>().Value.ProductManagers));
        services.AddSingleton(sp => new ApiCatalog(sp.GetRequiredService<ICatalogStore>(), sp.GetRequiredService<IOptions<CatalogOptions>>().Value.Read().Apis));
        services.AddSingleton<ApiResolver>();
        services.AddSingleton<ApiAccess>();

        foreach (var handler in ConversationRoutes.HandlerTypes) services.AddSingleton(handler);
        services.AddSingleton<IEnumerable<CommandRoute>>(ConversationRoutes.Commands);
        services.AddSingleton(sp => new TurnRouter(sp, ConversationRoutes.Commands, ConversationRoutes.Actions,
            sp.GetRequiredService<IFlowStateStore>(), sp.GetRequiredService<TimeProvider>()));
        return builder;
    }
}
