using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bots1C.Domain.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Scenarios : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Mode",
                table: "Conversations",
                type: "TEXT",
                maxLength: 30,
                nullable: false,
                defaultValue: "Bot");

            migrationBuilder.AddColumn<long>(
                name: "ScenarioId",
                table: "Conversations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StepId",
                table: "Conversations",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "StepTries",
                table: "Conversations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Tags",
                table: "Conversations",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "VariablesJson",
                table: "Conversations",
                type: "TEXT",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.AddColumn<long>(
                name: "WaitingSince",
                table: "Conversations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "MainMenuScenarioId",
                table: "Bots",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "NotMatchedScenarioId",
                table: "Bots",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Scenarios",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    IsEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsDraft = table.Column<bool>(type: "INTEGER", nullable: false),
                    StepCount = table.Column<int>(type: "INTEGER", nullable: false),
                    DefinitionJson = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Scenarios", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "BotScenarios",
                columns: table => new
                {
                    BotId = table.Column<long>(type: "INTEGER", nullable: false),
                    ScenarioId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BotScenarios", x => new { x.BotId, x.ScenarioId });
                    table.ForeignKey(
                        name: "FK_BotScenarios_Bots_BotId",
                        column: x => x.BotId,
                        principalTable: "Bots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_BotScenarios_Scenarios_ScenarioId",
                        column: x => x.ScenarioId,
                        principalTable: "Scenarios",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_ScenarioId",
                table: "Conversations",
                column: "ScenarioId");

            migrationBuilder.CreateIndex(
                name: "IX_Bots_MainMenuScenarioId",
                table: "Bots",
                column: "MainMenuScenarioId");

            migrationBuilder.CreateIndex(
                name: "IX_Bots_NotMatchedScenarioId",
                table: "Bots",
                column: "NotMatchedScenarioId");

            migrationBuilder.CreateIndex(
                name: "IX_BotScenarios_ScenarioId",
                table: "BotScenarios",
                column: "ScenarioId");

            migrationBuilder.CreateIndex(
                name: "IX_Scenarios_Key",
                table: "Scenarios",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Scenarios_Name",
                table: "Scenarios",
                column: "Name",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Bots_Scenarios_MainMenuScenarioId",
                table: "Bots",
                column: "MainMenuScenarioId",
                principalTable: "Scenarios",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_Bots_Scenarios_NotMatchedScenarioId",
                table: "Bots",
                column: "NotMatchedScenarioId",
                principalTable: "Scenarios",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_Conversations_Scenarios_ScenarioId",
                table: "Conversations",
                column: "ScenarioId",
                principalTable: "Scenarios",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Bots_Scenarios_MainMenuScenarioId",
                table: "Bots");

            migrationBuilder.DropForeignKey(
                name: "FK_Bots_Scenarios_NotMatchedScenarioId",
                table: "Bots");

            migrationBuilder.DropForeignKey(
                name: "FK_Conversations_Scenarios_ScenarioId",
                table: "Conversations");

            migrationBuilder.DropTable(
                name: "BotScenarios");

            migrationBuilder.DropTable(
                name: "Scenarios");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_ScenarioId",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Bots_MainMenuScenarioId",
                table: "Bots");

            migrationBuilder.DropIndex(
                name: "IX_Bots_NotMatchedScenarioId",
                table: "Bots");

            migrationBuilder.DropColumn(
                name: "Mode",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "ScenarioId",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "StepId",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "StepTries",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "Tags",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "VariablesJson",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "WaitingSince",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "MainMenuScenarioId",
                table: "Bots");

            migrationBuilder.DropColumn(
                name: "NotMatchedScenarioId",
                table: "Bots");
        }
    }
}
