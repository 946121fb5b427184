using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bots1C.Domain.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Licensing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LicenseRefusal",
                table: "Contacts",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Installations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    InstallationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TestKeyPem = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Installations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "InstalledLicenses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<string>(type: "TEXT", nullable: false),
                    LicenseId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    InstalledAt = table.Column<long>(type: "INTEGER", nullable: false),
                    InstalledBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InstalledLicenses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LicenseContracts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Inn = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Messengers = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    WorkingLicenses = table.Column<int>(type: "INTEGER", nullable: false),
                    ForbidsSharedDatabase = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LicenseContracts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IssuedLicenses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LicenseId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ContractId = table.Column<long>(type: "INTEGER", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    WebhookHost = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    InstallationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    IssuedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IssuedLicenses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IssuedLicenses_LicenseContracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "LicenseContracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IssuedLicenses_ContractId_Type",
                table: "IssuedLicenses",
                columns: new[] { "ContractId", "Type" });

            migrationBuilder.CreateIndex(
                name: "IX_LicenseContracts_Inn_Number",
                table: "LicenseContracts",
                columns: new[] { "Inn", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Installations");

            migrationBuilder.DropTable(
                name: "InstalledLicenses");

            migrationBuilder.DropTable(
                name: "IssuedLicenses");

            migrationBuilder.DropTable(
                name: "LicenseContracts");

            migrationBuilder.DropColumn(
                name: "LicenseRefusal",
                table: "Contacts");
        }
    }
}
