# syntax=docker/dockerfile:1
# FeedbackBot: build with the SDK, run on the ASP.NET runtime as a non-root user.
#   docker build -t feedbackbot .
#   docker run -p 8080:8080 -e Slack__BotToken=... feedbackbot
# See README "Deploy" and deploy/compose.yaml (two instances behind a proxy, PostgreSQL, Azurite).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files alone, so a code change does not invalidate the package layer.
COPY global.json nuget.config Directory.Build.props Directory.Packages.props ./
COPY eng/AdaptiveCards/ eng/AdaptiveCards/
COPY eng/feed/ eng/feed/
# nuget.config names eng/feed; the compatibility package only matters where nuget.org's AdaptiveCards is out of reach.
RUN [ -f eng/feed/AdaptiveCards.3.1.0.1.nupkg ] || dotnet pack eng/AdaptiveCards -c Release -o eng/feed --nologo -v quiet
COPY src/FeedbackBot.Core/FeedbackBot.Core.csproj src/FeedbackBot.Core/
COPY src/FeedbackBot/FeedbackBot.csproj src/FeedbackBot/
RUN dotnet restore src/FeedbackBot/FeedbackBot.csproj
COPY appsettings.json ./
COPY cards/ cards/
COPY src/ src/
RUN dotnet publish src/FeedbackBot/FeedbackBot.csproj -c Release -o /app --no-restore -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# Survey charts render with SkiaSharp, which needs fontconfig and at least one font.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libfontconfig1 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build --chown=root:root /app ./
ENV ASPNETCORE_HTTP_PORTS=8080 \
    ASPNETCORE_ENVIRONMENT=Production
# The image's unprivileged 'app' user (uid 1654): the bot writes nothing to its own directory.
USER $APP_UID
EXPOSE 8080
# Ready = this instance takes work (fails while draining); 'docker stop' sends SIGTERM and waits stop_grace_period.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["dotnet", "/app/FeedbackBot.dll", "--health-probe", "http://127.0.0.1:8080/health/ready"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["dotnet", "/app/FeedbackBot.dll"]
