using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bots1C.Domain.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PrintForms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Organisation",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Inn = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    Kpp = table.Column<string>(type: "TEXT", maxLength: 9, nullable: true),
                    Ogrn = table.Column<string>(type: "TEXT", maxLength: 15, nullable: true),
                    Address = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    BankName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Bic = table.Column<string>(type: "TEXT", maxLength: 9, nullable: true),
                    CorrespondentAccount = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    SettlementAccount = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Director = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ChiefAccountant = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DefaultVatRate = table.Column<int>(type: "INTEGER", nullable: true),
                    Logo = table.Column<byte[]>(type: "BLOB", nullable: true),
                    Stamp = table.Column<byte[]>(type: "BLOB", nullable: true),
                    Signature = table.Column<byte[]>(type: "BLOB", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Organisation", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PrintDocuments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    OwnerId = table.Column<long>(type: "INTEGER", nullable: false),
                    Contract = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrintDocuments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PrintDocuments_Owners_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "Owners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PrintDocumentLine",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DocumentId = table.Column<long>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Quantity = table.Column<decimal>(type: "TEXT", nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Price = table.Column<decimal>(type: "TEXT", nullable: false),
                    VatRate = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrintDocumentLine", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PrintDocumentLine_PrintDocuments_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "PrintDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PrintFormDeliveries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OwnerId = table.Column<long>(type: "INTEGER", nullable: false),
                    ContactId = table.Column<long>(type: "INTEGER", nullable: false),
                    DocumentId = table.Column<long>(type: "INTEGER", nullable: true),
                    Form = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    MessageId = table.Column<long>(type: "INTEGER", nullable: false),
                    Author = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrintFormDeliveries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PrintFormDeliveries_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PrintFormDeliveries_Messages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "Messages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PrintFormDeliveries_Owners_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "Owners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PrintFormDeliveries_PrintDocuments_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "PrintDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PrintDocumentLine_DocumentId",
                table: "PrintDocumentLine",
                column: "DocumentId");

            migrationBuilder.CreateIndex(
                name: "IX_PrintDocuments_ExternalId",
                table: "PrintDocuments",
                column: "ExternalId",
                unique: true,
                filter: "\"ExternalId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_PrintDocuments_OwnerId_Kind_Date",
                table: "PrintDocuments",
                columns: new[] { "OwnerId", "Kind", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_PrintFormDeliveries_ContactId",
                table: "PrintFormDeliveries",
                column: "ContactId");

            migrationBuilder.CreateIndex(
                name: "IX_PrintFormDeliveries_CreatedAt",
                table: "PrintFormDeliveries",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_PrintFormDeliveries_DocumentId",
                table: "PrintFormDeliveries",
                column: "DocumentId");

            migrationBuilder.CreateIndex(
                name: "IX_PrintFormDeliveries_MessageId",
                table: "PrintFormDeliveries",
                column: "MessageId");

            migrationBuilder.CreateIndex(
                name: "IX_PrintFormDeliveries_OwnerId_CreatedAt",
                table: "PrintFormDeliveries",
                columns: new[] { "OwnerId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Organisation");

            migrationBuilder.DropTable(
                name: "PrintDocumentLine");

            migrationBuilder.DropTable(
                name: "PrintFormDeliveries");

            migrationBuilder.DropTable(
                name: "PrintDocuments");
        }
    }
}
